import { registerEnumType } from '@nestjs/graphql';

/** Whether a subscriber is a customer of the product, as its supplier (or the agency) says. */
export enum CustomerStatus {
  PENDING = 'PENDING',
  CONFIRMED = 'CONFIRMED',
  DECLINED = 'DECLINED',
}

registerEnumType(CustomerStatus, {
  name: 'CustomerStatus',
  description:
    'A subscription declares use; the supplier or the agency confirms that the subscriber is a customer.',
  valuesMap: {
    PENDING: {
      description:
        'Declared, not yet confirmed: the subscriber sees public information and incidents reported after it subscribed that expose it.',
    },
    CONFIRMED: {
      description: "A customer: also sees the product's SUBSCRIBERS evidence and its whole incident history.",
    },
    DECLINED: {
      description: 'The supplier or the agency said it is not a customer: no customer access.',
    },
  },
});
