import { describe, expect, it } from 'vitest';

import { buildCsv, exportFileName, neutraliseCell, sheetName } from './export-table';

describe('CSV export', () => {
  it('starts with a UTF-8 BOM and ends lines with CRLF', () => {
    const csv = buildCsv({ headers: ['类别', '占比'], rows: [['招工用工', 13.94]] });
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.slice(1)).toBe('类别,占比\r\n招工用工,13.94\r\n');
    const bytes = new TextEncoder().encode(csv);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it('neutralises text that a spreadsheet would run as a formula', () => {
    expect(neutraliseCell('=HYPERLINK("http://x")')).toBe('\'=HYPERLINK("http://x")');
    expect(neutraliseCell('+1')).toBe("'+1");
    expect(neutraliseCell('-1')).toBe("'-1");
    expect(neutraliseCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(neutraliseCell('\tcmd')).toBe("'\tcmd");
    expect(neutraliseCell('招工 = 难')).toBe('招工 = 难');
  });

  it('keeps numbers (also negative ones) as numbers and empties nulls', () => {
    expect(neutraliseCell(-1.5)).toBe('-1.5');
    expect(neutraliseCell(null)).toBe('');
    expect(neutraliseCell(Number.NaN)).toBe('');
    const csv = buildCsv({ headers: ['change'], rows: [[-1.5], [null]] });
    expect(csv).toBe('\uFEFFchange\r\n-1.5\r\n\r\n');
  });

  it('quotes commas, quotes and line breaks, after neutralising', () => {
    const csv = buildCsv({
      headers: ['a'],
      rows: [['x,y'], ['say "hi"'], ['two\nlines'], ['=1,2']],
    });
    expect(csv.slice(1).split('\r\n')).toEqual([
      'a',
      '"x,y"',
      '"say ""hi"""',
      '"two\nlines"',
      '"\'=1,2"',
      '',
    ]);
  });
});

describe('file and sheet names', () => {
  it('joins parts and drops characters file systems refuse', () => {
    expect(exportFileName(['烦恼指数排行榜', '宝华工业社区', '2023年5月至9月'], 'csv')).toBe(
      '烦恼指数排行榜_宝华工业社区_2023年5月至9月.csv',
    );
    expect(exportFileName(['a/b', 'c: d', ''], 'xlsx')).toBe('a_b_c_d.xlsx');
    expect(exportFileName([], 'png')).toBe('export.png');
  });

  it('keeps sheet names within Excel rules', () => {
    expect(sheetName('三率 [部门/社区]')).toBe('三率  部门 社区');
    expect(sheetName('x'.repeat(40))).toHaveLength(31);
    expect(sheetName('')).toBe('Sheet1');
  });
});
