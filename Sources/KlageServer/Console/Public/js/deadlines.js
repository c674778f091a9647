// How a complaint's deadlines read: the next running one, and whether it is missed, due soon or on time.
import { t } from './i18n.js';

/** The running deadline due first, or null. */
export function nextDeadline(complaint) {
  const running = (complaint.deadlines ?? []).filter((deadline) => !deadline.metAt && !deadline.stoppedAt);
  running.sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt));
  return running[0] ?? null;
}

/** 'missed', 'warn', 'ok' or 'met' for one deadline. */
export function urgency(deadline, now = Date.now()) {
  if (deadline.metAt) return 'met';
  if (deadline.missed || Date.parse(deadline.dueAt) <= now) return 'missed';
  if (deadline.warnAt && Date.parse(deadline.warnAt) <= now) return 'warn';
  return 'ok';
}

/** The word for an urgency. */
export function urgencyWord(level) {
  return { missed: t('missed'), warn: t('warn'), ok: t('onTime'), met: t('met') }[level];
}
