// The shapes workflows, activities and the database share about an instance: who acted (as the audit trail records
// them), what a workflow knows of its own instance, and the assessment record a closed whistle case leaves. Here, on
// the ground layer, so that workflows never import db/ or activities/ for them (ARCHITECTURE layers).
import type { OfficeHours } from './calendar/deadline';

/** An actor as the audit trail records them: who, in which role, from which unit. */
export interface AuditActor {
  id: string;
  name: string;
  role: string;
  orgUnitId: string;
}

export interface InstanceContext {
  instanceId: string;
  processKey: string;
  processVersion: number;
  title: string;
  startedBy: AuditActor;
  /** The org units the case touches (grid, community, street, …), for read scoping. */
  orgPath: string[];
  officeHours?: OfficeHours;
}

/** What a closed whistle case contributes to assessment (考核). */
export interface AssessmentRecord {
  streetId: string | null;
  communityId: string | null;
  levelReached: 'grid' | 'community' | 'street' | 'district';
  selfResolved: boolean;
  reworks: number;
  satisfaction: 'satisfied' | 'basically_satisfied' | 'dissatisfied' | null;
  /** Per handling unit: whether it met every deadline it had. */
  onTime: Record<string, boolean>;
}
