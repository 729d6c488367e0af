// The four units of a time limit (DOMAIN.md §3) and the longest limit each may express. Free of any library, so
// the web app's modeler checks diagrams by the same bounds the server publishes them by.
export const TIME_UNITS = ['minutes', 'workingHours', 'workingDays', 'calendarDays'] as const;
export type TimeUnit = (typeof TIME_UNITS)[number];

/**
 * Nothing in these procedures runs longer (the longest statutory periods are limitation periods of a few years);
 * a larger number is a typing error that would bury the case, and a deadline beyond the calendar's range cannot
 * be computed at all.
 */
export const MAX_AMOUNT: Record<TimeUnit, number> = {
  minutes: 7 * 24 * 60,
  workingHours: 2000,
  workingDays: 500,
  calendarDays: 5 * 366,
};
