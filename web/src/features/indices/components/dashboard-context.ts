import type { Language } from '../../../shared/i18n';
import type { ColorOf } from '../charts/palette';
import type { IndexScope, TroubleTrend } from '../indices-types';
import type { Period } from '../period';

/** What every dashboard card needs besides its own data. */
export interface DashboardContext {
  language: Language;
  scope: IndexScope;
  period: Period;
  /** Scope and period labels, appended to export file names. */
  nameParts: string[];
  colorOf: ColorOf;
  /** Category name in the UI language by id (falls back to the Chinese name). */
  seriesLabel: (series: Pick<TroubleTrend['series'][number], 'id' | 'name'>) => string;
}

/** A category picked for drill-down. */
export interface SelectedCategory {
  id: string;
  label: string;
}
