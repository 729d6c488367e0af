// The Shanzhi BPMN extension (shanzhi:role, shanzhi:timeLimit, shanzhi:timeUnit), the same descriptor the
// server reads, so the browser and the back end never disagree on the attribute names.
import shanzhi from '../../../domain/bpmn/shanzhi-moddle.json';

export const moddleExtensions = { shanzhi };

export const TIME_UNITS = ['minutes', 'workingHours', 'workingDays', 'calendarDays'] as const;
