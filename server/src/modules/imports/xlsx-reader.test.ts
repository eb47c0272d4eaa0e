import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';

import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';

import { messyTroublesXlsx } from '../../../test/import-files';
import { readXlsx } from './sheet-reader';
import { readXlsxRows } from './xlsx-reader';

function temp(data: Buffer): string {
  const file = path.join(os.tmpdir(), `xlsx-reader-${Math.random().toString(36).slice(2)}.xlsx`);
  fs.writeFileSync(file, data);
  return file;
}

/** Rows without trailing empty cells, as both readers see them. */
async function rows(gen: AsyncIterable<{ rowNo: number; cells: unknown[] }>) {
  const out: { rowNo: number; cells: unknown[] }[] = [];
  for await (const r of gen) {
    const cells = [...r.cells];
    while (cells.length > 0 && (cells[cells.length - 1] ?? null) === null) {
      cells.pop();
    }
    if (cells.length > 0) {
      out.push({ rowNo: r.rowNo, cells });
    }
  }
  return out;
}

/** A zip of stored (uncompressed) members, for workbooks exceljs would not write. */
function storedZip(members: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(members)) {
    const data = Buffer.from(text, 'utf8');
    const n = Buffer.from(name, 'utf8');
    const crc = zlib.crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(n.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(n.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, n, data);
    centrals.push(central, n);
    offset += 30 + n.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(centrals.length / 2, 8);
  eocd.writeUInt16LE(centrals.length / 2, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, eocd]);
}

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

function handMadeWorkbook(sheet: string): Buffer {
  return storedZip({
    'xl/workbook.xml': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<x:workbook xmlns:x="${NS}" xmlns:r="${REL}"><x:workbookPr date1904="1"/>
<x:sheets><x:sheet name="台账" sheetId="1" r:id="rId7"/><x:sheet name="二" sheetId="2" r:id="rId8"/></x:sheets></x:workbook>`,
    'xl/_rels/workbook.xml.rels': `<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId8" Type="${REL}/worksheet" Target="worksheets/sheet2.xml"/>
<Relationship Id="rId7" Type="${REL}/worksheet" Target="/xl/worksheets/sheet1.xml"/>
<Relationship Id="rId1" Type="${REL}/styles" Target="styles.xml"/>
<Relationship Id="rId2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
    'xl/styles.xml': `<x:styleSheet xmlns:x="${NS}"><x:numFmts count="1"><x:numFmt numFmtId="164" formatCode="&quot;第&quot;0&quot;号&quot;"/><x:numFmt numFmtId="165" formatCode="yyyy&quot;年&quot;m&quot;月&quot;"/></x:numFmts>
<x:cellStyleXfs count="1"><x:xf numFmtId="14"/></x:cellStyleXfs>
<x:cellXfs count="5"><x:xf numFmtId="0"/><x:xf numFmtId="31"/><x:xf numFmtId="57"/><x:xf numFmtId="164"/><x:xf numFmtId="165"/></x:cellXfs></x:styleSheet>`,
    'xl/sharedStrings.xml': `<sst xmlns="${NS}" count="3" uniqueCount="3"><si><t>反映时间</t></si>
<si><r><t>烦恼</t></r><r><rPr><b/></rPr><t xml:space="preserve">内容 &amp; 说明</t></r><rPh sb="0" eb="2"><t>ハンノウ</t></rPh></si><si/></sst>`,
    'xl/worksheets/sheet1.xml': sheet,
    'xl/worksheets/sheet2.xml': `<worksheet xmlns="${NS}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>not this sheet</t></is></c></row></sheetData></worksheet>`,
  });
}

const viaExceljs = (file: string) => rows(readXlsx(fs.createReadStream(file)));

describe('readXlsxRows (our streaming XLSX reader)', () => {
  it('gives the import the same rows as exceljs for the messy ledger', async () => {
    const file = temp(await messyTroublesXlsx('测试企业'));
    expect(await rows(readXlsxRows(file))).toEqual(await viaExceljs(file));
  });

  it('reads shared and rich text, formulas, booleans, errors, dates, numbers and gaps', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('第一页');
    wb.addWorksheet('第二页').addRow(['not this sheet']);
    ws.addRow(['标题 & <说明>']);
    ws.getCell('A3').value = {
      richText: [{ text: '反映' }, { font: { bold: true }, text: '内容' }],
    };
    ws.getCell('B3').value = { formula: 'A1&"x"', result: '标题x' };
    ws.getCell('C3').value = true;
    ws.getCell('D3').value = { error: '#N/A' };
    ws.getCell('E3').value = new Date(Date.UTC(2023, 8, 1, 8, 30));
    ws.getCell('E3').numFmt = 'yyyy-mm-dd hh:mm';
    ws.getCell('F3').value = 45170;
    ws.getCell('H3').value = { text: '链接', hyperlink: 'https://example.org' };
    ws.getCell('I3').value = '  全角１２３  ';
    ws.getCell('A5').value = 42.5;
    const file = temp(Buffer.from(await wb.xlsx.writeBuffer()));
    const ours = await rows(readXlsxRows(file));
    expect(ours).toEqual([
      { rowNo: 1, cells: ['标题 & <说明>'] },
      {
        rowNo: 3,
        cells: [
          '反映内容',
          '标题x',
          true,
          null,
          new Date(Date.UTC(2023, 8, 1, 8, 30)),
          45170,
          null,
          '链接',
          '  全角１２３  ',
        ],
      },
      { rowNo: 5, cells: [42.5] },
    ]);
    expect(ours).toEqual(await viaExceljs(file));
  });

  it('reads prefixed elements, 1904 dates, zh-CN date formats, CDATA, phonetic runs and errors', async () => {
    const sheet = `<?xml version="1.0" encoding="UTF-8"?>
<x:worksheet xmlns:x="${NS}"><x:sheetData>
<x:row r="2"><x:c r="A2" t="s"><x:v>0</x:v></x:c><x:c r="B2" t="s"><x:v>1</x:v></x:c><x:c r="C2" t="s"><x:v>2</x:v></x:c></x:row>
<x:row r="4"><x:c r="A4" s="1"><x:v>43708</x:v></x:c><x:c r="B4" t="inlineStr"><x:is><x:t><![CDATA[<原样> & 保留]]></x:t></x:is></x:c>
<x:c r="C4" s="2"><x:v>43708.5</x:v></x:c><x:c r="D4" s="3"><x:v>12</x:v></x:c><x:c r="E4" s="4"><x:v>43708</x:v></x:c>
<x:c r="F4" t="e"><x:v>#DIV/0!</x:v></x:c><x:c r="G4" t="str"><x:f>A1</x:f><x:v>公式&#x4E00;</x:v></x:c><x:c r="H4" t="b"><x:v>0</x:v></x:c></x:row>
</x:sheetData></x:worksheet>`;
    const file = temp(handMadeWorkbook(sheet));
    const sept1 = new Date(Date.UTC(2023, 8, 1));
    expect(await rows(readXlsxRows(file))).toEqual([
      { rowNo: 2, cells: ['反映时间', '烦恼内容 & 说明'] },
      {
        rowNo: 4,
        cells: [
          sept1,
          '<原样> & 保留',
          new Date(Date.UTC(2023, 8, 1, 12)),
          12,
          sept1,
          null,
          '公式一',
          false,
        ],
      },
    ]);
  });

  it('refuses XML that is not well-formed', async () => {
    const file = temp(
      handMadeWorkbook(
        `<worksheet xmlns="${NS}"><sheetData><row r="1"><c r="A1"><v>1</v></row></sheetData></worksheet>`,
      ),
    );
    await expect(rows(readXlsxRows(file))).rejects.toMatchObject({
      code: 'UNSUPPORTED_MEDIA_TYPE',
    });
  });

  it('refuses a part that inflates beyond its declared size', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('s').addRow(['a']);
    const data = Buffer.from(await wb.xlsx.writeBuffer());
    // Lower the declared uncompressed size of every central-directory entry to 1 byte.
    const eocd = data.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    let p = data.readUInt32LE(eocd + 16);
    for (let n = data.readUInt16LE(eocd + 10); n > 0; n--) {
      data.writeUInt32LE(1, p + 24);
      p += 46 + data.readUInt16LE(p + 28) + data.readUInt16LE(p + 30) + data.readUInt16LE(p + 32);
    }
    await expect(rows(readXlsxRows(temp(data)))).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      params: { reason: 'importZipLimits' },
    });
  });
});
