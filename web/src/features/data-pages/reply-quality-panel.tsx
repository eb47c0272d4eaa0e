import { Alert, Card, Col, Collapse, Flex, Progress, Row, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

import { isApiError } from '../../shared/api-client';
import { describeError } from '../../shared/error-message';
import { useApiData } from '../../shared/use-api-data';
import { dataApi, type ReplyDimension } from './data-api';

const DIMENSIONS: readonly ReplyDimension[] = [
  'relevance',
  'completeness',
  'explainability',
  'timeliness',
];

const colorOf = (score: number) => (score >= 80 ? '#52c41a' : score >= 60 ? '#faad14' : '#f5222d');

/**
 * 答复质量: the four scores (0–100) of the problem's latest answer with their reasons, shown to
 * staff and supervisors beside the send-back action (`GET /problems/:id/reply-quality`).
 */
export function ReplyQualityPanel({ problemId, version }: { problemId: string; version: number }) {
  const { t } = useTranslation();
  const quality = useApiData(`rq:${problemId}:${version}`, (signal) =>
    dataApi.replyQuality(problemId, signal),
  );
  if (isApiError(quality.error) && quality.error.status === 422) {
    return null;
  }
  const q = quality.data;
  return (
    <Card
      size="small"
      className="reply-quality"
      data-testid="reply-quality"
      loading={quality.loading && q === undefined}
      title={
        <Flex justify="space-between" align="center">
          <span>{t('data.reply.title')}</span>
          {q && (
            <Tag color={colorOf(q.overall)}>
              {t('data.reply.overall')} {Math.round(q.overall)}
            </Tag>
          )}
        </Flex>
      }
    >
      {quality.error !== undefined && (
        <Alert type="warning" showIcon title={describeError(quality.error, t)} />
      )}
      {q && (
        <>
          <Row gutter={[12, 8]}>
            {DIMENSIONS.map((d) => {
              const score = q[d];
              return (
                <Col key={d} xs={12} sm={6}>
                  <Flex vertical align="center" gap={4}>
                    {score === null ? (
                      <Progress type="circle" size={56} percent={0} format={() => '—'} />
                    ) : (
                      <Progress
                        type="circle"
                        size={56}
                        percent={Math.round(score)}
                        strokeColor={colorOf(score)}
                        format={(p) => p}
                      />
                    )}
                    <Typography.Text>{t(`data.reply.dims.${d}`)}</Typography.Text>
                    {score === null && (
                      <Typography.Text type="secondary">
                        {t('data.reply.notScored')}
                      </Typography.Text>
                    )}
                  </Flex>
                </Col>
              );
            })}
          </Row>
          {q.reasons.length > 0 && (
            <Collapse
              ghost
              size="small"
              items={[
                {
                  key: 'reasons',
                  label: t('data.reply.reasons'),
                  children: (
                    <ul className="reply-reasons">
                      {q.reasons.map((r, i) => (
                        <li key={`${r.dimension}-${r.code}-${i}`}>
                          <Tag color={r.effect === 'plus' ? 'green' : 'red'}>
                            {r.effect === 'plus' ? '+' : '−'} {t(`data.reply.dims.${r.dimension}`)}
                          </Tag>
                          {r.text ?? r.code}
                          {r.evidence && (
                            <Typography.Text type="secondary"> “{r.evidence}”</Typography.Text>
                          )}
                        </li>
                      ))}
                    </ul>
                  ),
                },
              ]}
            />
          )}
          <Typography.Text type="secondary" className="reply-hint">
            {t('data.reply.hint')}
          </Typography.Text>
        </>
      )}
    </Card>
  );
}
