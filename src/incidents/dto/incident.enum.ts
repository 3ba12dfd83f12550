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

registerEnumType(IncidentSeverity, {
  name: 'IncidentSeverity',
  description: 'How serious the supplier judges an incident to be.',
  valuesMap: {
    LOW: { description: "Minor: little or no effect on customers' services or data." },
    MEDIUM: { description: "Limited effect on customers' services or data." },
    HIGH: { description: "Serious effect on customers' services or data." },
    CRITICAL: {
      description:
        'Severe: services down or data compromised at scale. The supplier chooses the severity; the registry attaches no rule to it.',
    },
  },
});
registerEnumType(IncidentState, {
  name: 'IncidentState',
  description: 'Whether an incident is still going on.',
  valuesMap: {
    OPEN: { description: 'Reported and not yet resolved; the supplier may still update it.' },
    RESOLVED: { description: 'Closed by the supplier or the agency, with a summary.' },
  },
});
registerEnumType(DeadlineKind, {
  name: 'DeadlineKind',
  description: 'A legal reporting deadline an incident starts for an organisation.',
  valuesMap: {
    EARLY_WARNING: { description: 'NIS2 art. 23: early warning within 24 hours of becoming aware.' },
    NOTIFICATION: { description: 'NIS2 art. 23: incident notification within 72 hours.' },
    FINAL_REPORT: { description: 'NIS2 art. 23: final report within one month of the notification.' },
    PERSONAL_DATA_BREACH: {
      description: 'GDPR art. 33: personal data breach to the supervisory authority within 72 hours.',
    },
  },
});
