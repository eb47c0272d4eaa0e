import ExcelJS from 'exceljs';

/**
 * Messy spreadsheets as community offices produce them, for the import tests: a merged title
 * row, a two-level header with merged cells, full-width digits, Excel serial dates, a mix of
 * good and bad rows and trailing empty (formatted) rows.
 */
export async function messyTroublesXlsx(enterpriseName: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('烦恼台账');
  ws.addRow(['宝华工业社区烦恼台账（2023年）']);
  ws.mergeCells('A1:G1');
  ws.addRow(['反映时间', '反映人', '', '企业名称', '问题类别', '反映内容', '涉及人数']);
  ws.addRow(['', '姓名', '电话', '', '', '', '']);
  ws.mergeCells('A2:A3');
  ws.mergeCells('B2:C2');
  ws.mergeCells('D2:D3');
  ws.mergeCells('E2:E3');
  ws.mergeCells('F2:F3');
  ws.mergeCells('G2:G3');
  const long = '很'.repeat(2001);
  const rows: unknown[][] = [
    /* 4 */ [
      new Date(Date.UTC(2023, 8, 1, 8, 30)),
      '张三',
      '13800138000',
      enterpriseName,
      '招工难',
      '试产前急招普工，招聘效果不理想',
      3,
    ],
    /* 5 */ [45170, '', '', '', '子女入学', '孩子在本地上学难，希望社区协调', ''],
    /* 6 */ [
      '２０２３年９月２日',
      '李四',
      '１３８００１３８００１',
      '',
      '招工用工',
      '技术工人难招，工资成本高',
      '２',
    ],
    /* 7 */ ['2023-13-45', '王五', '', '', '', '日期写错的一行', ''],
    /* 8 */ ['2023/9/3', '赵六', '', '', '招工难', '', ''],
    /* 9 */ ['2023.09.04', '钱七', '12345', '', '外星人入侵', '分类和电话都不对', ''],
    /* 10 */ ['2023-9-5 14:20', '孙八', '', '不存在的公司', '', '企业名称不对', ''],
    /* 11 */ [
      new Date(Date.UTC(2023, 8, 1, 8, 30)),
      '张三',
      '13800138000',
      enterpriseName,
      '招工难',
      '试产前急招普工，招聘效果不理想',
      3,
    ],
    /* 12 */ ['20230906', '周九', '', '', '', long, ''],
    /* 13 */ [
      '2023-9-7 8:30',
      '吴十',
      '0799-1234567',
      '',
      '就医/夜间看病',
      '晚上看病不方便，社区医院八点就关门',
      'abc',
    ],
    /* 14 */ ['20230908', '', '', '', '', '夜里下班后没有公交车回宿舍', ''],
  ];
  for (const r of rows) {
    ws.addRow(r);
  }
  ws.getCell('A5').numFmt = 'yyyy-mm-dd';
  for (let r = 15; r <= 20; r++) {
    ws.getCell(`A${r}`).numFmt = 'yyyy-mm-dd'; // formatted but empty trailing rows
    ws.getCell(`F${r}`).value = r === 18 ? '   ' : null;
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
