import { describe, expect, it } from 'vitest';

import {
  actionName,
  auditExportUrl,
  auditQuery,
  type ChainStatus,
  chainVerdict,
} from './audit-api';

const status = (over: Partial<ChainStatus> = {}): ChainStatus => ({
  ok: true,
  checked: 12,
  lastSeq: 12,
  lastHash: 'a'.repeat(64),
  heads: { checked: 0, mismatches: [] },
  verifiedAt: 0,
  ...over,
});

describe('audit filters', () => {
  it('sends only the filters given, trimmed', () => {
    expect(auditQuery({})).toEqual({});
    expect(
      auditQuery({ from: 1, to: 2, actor: ' 管理员 ', action: ' auth. ', outcome: 'failure' }),
    ).toEqual({ from: '1', to: '2', actor: '管理员', action: 'auth.', outcome: 'failure' });
    expect(auditQuery({ actor: '  ', fullIp: false })).toEqual({});
    expect(auditQuery({ fullIp: true })).toEqual({ fullIp: 'true' });
  });

  it('builds the CSV export link of the current filters', () => {
    expect(auditExportUrl({})).toBe('/api/v1/audit/export.csv');
    expect(auditExportUrl({ action: 'user.', outcome: 'success' })).toBe(
      '/api/v1/audit/export.csv?action=user.&outcome=success',
    );
  });
});

describe('chain verdict', () => {
  it('is intact, broken at a row, or off an exported head', () => {
    expect(chainVerdict(status())).toEqual({ kind: 'intact', checked: 12, lastSeq: 12 });
    expect(chainVerdict(status({ ok: false, brokenAt: 7 }))).toEqual({ kind: 'broken', seq: 7 });
    expect(
      chainVerdict(
        status({
          ok: false,
          heads: { checked: 1, mismatches: [{ seq: 20, expected: 'b', found: null }] },
        }),
      ),
    ).toEqual({ kind: 'headMismatch', seq: 20 });
    expect(
      chainVerdict(status({ ok: false, heads: { checked: 0, mismatches: [], unreadable: true } })),
    ).toEqual({ kind: 'headsUnreadable' });
  });
});

describe('action names', () => {
  it('names known actions and leaves others (and prototype keys) alone', () => {
    expect(actionName('auth.login')).toBe('authLogin');
    expect(actionName('audit.export')).toBe('auditExport');
    expect(actionName('something.new')).toBeNull();
    expect(actionName('toString')).toBeNull();
  });
});
