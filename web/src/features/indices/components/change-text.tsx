import { Typography } from 'antd';

import { formatChange } from '../format';

/** A change in percentage points: red ↑ (more troubles), green ↓, grey otherwise. */
export function ChangeText({ value }: { value: number | null }) {
  const { text, direction } = formatChange(value);
  const className =
    direction === 'up' ? 'change-up' : direction === 'down' ? 'change-down' : 'change-flat';
  return <Typography.Text className={className}>{text}</Typography.Text>;
}
