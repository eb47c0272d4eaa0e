import type { Priority, Severity, Urgency } from './enums';

/**
 * 轻重缓急 (SPEC §3): severity × urgency gives P1 重急, P2 重缓, P3 轻急, P4 轻缓. When at least
 * `threshold` workers are affected, the trouble counts as major (重) whatever was entered.
 */
export function effectiveSeverity(
  severity: Severity,
  workersAffected: number,
  threshold: number,
): Severity {
  return workersAffected >= threshold ? 'major' : severity;
}

export function priorityOf(severity: Severity, urgency: Urgency): Priority {
  if (severity === 'major') {
    return urgency === 'urgent' ? 'P1' : 'P2';
  }
  return urgency === 'urgent' ? 'P3' : 'P4';
}

/** Priority of a trouble or problem from its raw inputs and the community's threshold. */
export function computePriority(input: {
  severity: Severity;
  urgency: Urgency;
  workersAffected: number;
  threshold: number;
}): { severity: Severity; priority: Priority } {
  const severity = effectiveSeverity(input.severity, input.workersAffected, input.threshold);
  return { severity, priority: priorityOf(severity, input.urgency) };
}
