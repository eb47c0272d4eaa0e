/** 轻重缓急 lives in `common/` so that the web's triage form shows the same priority. */
export { computePriority, effectiveSeverity, priorityOf } from '../../../../common/priority';
