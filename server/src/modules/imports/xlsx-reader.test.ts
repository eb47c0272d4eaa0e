import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

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
