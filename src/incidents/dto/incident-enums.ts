import { registerEnumType } from '@nestjs/graphql';

export enum IncidentSeverity {
  LOW = 'LOW',
  MEDIUM = 'MEDIUM',
  HIGH = 'HIGH',
  CRITICAL = 'CRITICAL',
}

export enum IncidentState {
  OPEN = 'OPEN',
  RESOLVED = 'RESOLVED',
}

export enum DeadlineKind {
  EARLY_WARNING = 'EARLY_WARNING',
  NOTIFICATION = 'NOTIFICATION',
  FINAL_REPORT = 'FINAL_REPORT',
  PERSONAL_DATA_BREACH = 'PERSONAL_DATA_BREACH',
}

registerEnumType(IncidentSeverity, { name: 'IncidentSeverity' });
registerEnumType(IncidentState, { name: 'IncidentState' });
registerEnumType(DeadlineKind, {
  name: 'DeadlineKind',
  valuesMap: {
    EARLY_WARNING: { description: 'NIS2 art. 23: early warning within 24 hours of becoming aware.' },
    NOTIFICATION: { description: 'NIS2 art. 23: incident notification within 72 hours.' },
    FINAL_REPORT: { description: 'NIS2 art. 23: final report within one month of the notification.' },
    PERSONAL_DATA_BREACH: {
      description: 'GDPR art. 33: personal data breach to the supervisory authority within 72 hours.',
    },
  },
});
