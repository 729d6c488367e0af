// Queries of the inspection–penalty workflow, shared with the API.
import { defineQuery } from '@temporalio/workflow';
import type { ClockState } from '../../domain/penalty/clock';

/** The 90-day decision clock (art. 60), null before registration. */
export const caseClockQuery = defineQuery<ClockState | null>('caseClock');
