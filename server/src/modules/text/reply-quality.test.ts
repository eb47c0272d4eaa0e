import { describe, expect, it } from 'vitest';

import { replyQuality } from './reply-quality';
import { reasonText } from './reply-reasons';

const DAY = 86_400_000;
const received = Date.parse('2023-09-04T10:00:00+08:00');
const trouble = '公司不签劳动合同\n入职两个月了公司一直不和我们签劳动合同，也不交社保。';

describe('replyQuality (reply-quality/1)', () => {
  it('gives explainability credit for a cited law and article, completeness for who/what/when', () => {
    const q = replyQuality({
      reply:
        '您好！来信收悉。根据《劳动合同法》第三十条和第八十二条规定，用人单位应当自用工之日起一个月内订立书面劳动合同。我局劳动监察大队已于9月6日约谈该公司负责人，责令其在10个工作日内与全体职工补签劳动合同并补缴社保。',
      troubles: [trouble],
      receivedAt: received,
      answeredAt: received + 3 * DAY,
    });
    expect(q.explainability).toBeGreaterThanOrEqual(70);
    const codes = q.reasons.map((r) => r.code);
    expect(codes).toEqual(expect.arrayContaining(['explain.law', 'explain.article']));
    expect(q.reasons.find((r) => r.code === 'explain.law')!.evidence).toContain('《劳动合同法》');
    expect(q.completeness).toBeGreaterThanOrEqual(90);
    expect(codes).toEqual(
      expect.arrayContaining([
        'completeness.actor',
        'completeness.action',
        'completeness.deadline',
      ]),
    );
    expect(q.relevance).toBeGreaterThanOrEqual(60);
    expect(q.timeliness).toBe(100);
    expect(q.overall).toBeGreaterThanOrEqual(80);
  });

  it('gives a vague reply low completeness and no explainability', () => {
    const q = replyQuality({
      reply: '您好，您反映的问题已收悉，我们将尽快研究处理。',
      troubles: [trouble],
      receivedAt: received,
      answeredAt: received + 12 * DAY,
    });
    expect(q.completeness).toBeLessThanOrEqual(40);
    expect(q.explainability).toBe(0);
    const codes = q.reasons.map((r) => r.code);
    expect(codes).toEqual(
      expect.arrayContaining([
        'completeness.noDeadline',
        'completeness.vague',
        'completeness.tooShort',
        'explain.none',
        'time.late',
      ]),
    );
    expect(q.timeliness).toBeLessThan(50);
    expect(q.overall).toBeLessThan(40);
  });

  it('credits document numbers, uses the promise deadline and explains itself in both languages', () => {
    const q = replyQuality({
      reply:
        '依据《江西省工资支付规定》（赣府发〔2023〕12号）有关规定，县人社局将于本月底前完成核查。',
      troubles: ['工资支付不规范'],
      receivedAt: received,
      dueAt: received + 2 * DAY,
      answeredAt: received + 2 * DAY + 1,
    });
    const doc = q.reasons.find((r) => r.code === 'explain.docNumber')!;
    expect(doc.evidence).toContain('〔2023〕12号');
    const late = q.reasons.find((r) => r.code === 'time.late')!;
    expect(q.timeliness).toBe(70);
    expect(reasonText(late, 'zh-CN')).toContain('超过承诺期限');
    expect(reasonText(doc, 'en')).toContain('document number');
    expect(replyQuality({ reply: '已处理。', troubles: ['x'] }).timeliness).toBeNull();
  });
});
