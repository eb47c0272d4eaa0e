import { Button, DatePicker, Flex, Segmented, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';

import {
  activeQuickPick,
  addDays,
  customPeriod,
  lastDayOf,
  monthPeriod,
  type Period,
  PERIOD_KINDS,
  type PeriodKind,
  quarterPeriod,
  QUICK_PICKS,
  quickPickPeriod,
  yearPeriod,
} from '../period';

const DATE = 'YYYY-MM-DD';

function fromDayjs(kind: Exclude<PeriodKind, 'custom'>, value: Dayjs): Period {
  const year = value.year();
  switch (kind) {
    case 'month':
      return monthPeriod(year, value.month() + 1);
    case 'quarter':
      return quarterPeriod(year, Math.floor(value.month() / 3) + 1);
    case 'year':
      return yearPeriod(year);
  }
}

/**
 * Period picker: granularity (month / quarter / year / custom range) with its picker, and the
 * quick picks 本月 / 上月 / 本季度 / 本年. Custom ranges are shown with an inclusive end date
 * and kept half-open (`to` = the day after).
 */
export function PeriodPicker({
  value,
  now,
  onChange,
}: {
  value: Period;
  now: number;
  onChange: (period: Period) => void;
}) {
  const { t } = useTranslation();
  const active = activeQuickPick(value, now);
  const start = dayjs(value.from, DATE);

  const changeKind = (kind: PeriodKind) => {
    if (kind === 'custom') {
      const custom = customPeriod(value.from, value.to);
      if (custom) {
        onChange(custom);
      }
      return;
    }
    onChange(fromDayjs(kind, start));
  };

  let picker;
  if (value.kind === 'custom') {
    picker = (
      <DatePicker.RangePicker
        className="period-range"
        allowClear={false}
        placeholder={[t('indices.period.rangeStart'), t('indices.period.rangeEnd')]}
        value={[start, dayjs(lastDayOf(value), DATE)]}
        onChange={(range) => {
          const [from, last] = range ?? [];
          if (from && last) {
            const period = customPeriod(from.format(DATE), addDays(last.format(DATE), 1));
            if (period) {
              onChange(period);
            }
          }
        }}
      />
    );
  } else {
    const kind = value.kind;
    picker = (
      <DatePicker
        className="period-single"
        picker={kind}
        allowClear={false}
        value={start}
        onChange={(date: Dayjs | null) => {
          if (date) {
            onChange(fromDayjs(kind, date));
          }
        }}
      />
    );
  }

  return (
    <Flex gap="small" wrap align="center" className="period-picker">
      <Segmented<PeriodKind>
        aria-label={t('indices.period.label')}
        value={value.kind}
        onChange={changeKind}
        options={PERIOD_KINDS.map((kind) => ({
          value: kind,
          label: t(`indices.period.kinds.${kind}`),
        }))}
      />
      {picker}
      <Space.Compact>
        {QUICK_PICKS.map((pick) => (
          <Button
            key={pick}
            type={active === pick ? 'primary' : 'default'}
            autoInsertSpace={false}
            onClick={() => onChange(quickPickPeriod(pick, now))}
          >
            {t(`indices.period.quick.${pick}`)}
          </Button>
        ))}
      </Space.Compact>
    </Flex>
  );
}
