/** What elements wait on: timers, messages and their subscriptions, signal subscriptions. */
import { insert, recordOnly, remove, update, type AppliersOf } from './applier.js';

export const TIMER_APPLIERS: AppliersOf<'TIMER'> = {
  CREATED: insert((s) => s.timers),
  // a cycle that fires again is created anew with its next due date
  TRIGGERED: remove((s) => s.timers),
  CANCELED: remove((s) => s.timers),
  MIGRATED: update((s) => s.timers),
};

export const MESSAGE_APPLIERS: AppliersOf<'MESSAGE'> = {
  // an unbuffered message (time to live 0) is only recorded in the event log
  PUBLISHED: (state, message) => {
    if (message.expiresAt > 0) state.messages.insert(message);
  },
  EXPIRED: remove((s) => s.messages),
  CORRELATED: insert((s) => s.messageCorrelations),
};

export const MESSAGE_SUBSCRIPTION_APPLIERS: AppliersOf<'MESSAGE_SUBSCRIPTION'> = {
  CREATED: insert((s) => s.messageSubscriptions),
  // a non-interrupting boundary keeps its subscription; the others are deleted by DELETED
  CORRELATED: recordOnly,
  DELETED: remove((s) => s.messageSubscriptions),
  MIGRATED: update((s) => s.messageSubscriptions),
};

export const MESSAGE_START_EVENT_SUBSCRIPTION_APPLIERS: AppliersOf<'MESSAGE_START_EVENT_SUBSCRIPTION'> = {
  CREATED: insert((s) => s.messageStartSubscriptions),
  DELETED: remove((s) => s.messageStartSubscriptions),
};

export const SIGNAL_SUBSCRIPTION_APPLIERS: AppliersOf<'SIGNAL_SUBSCRIPTION'> = {
  CREATED: insert((s) => s.signalSubscriptions),
  DELETED: remove((s) => s.signalSubscriptions),
  MIGRATED: update((s) => s.signalSubscriptions),
};

export const SIGNAL_APPLIERS: AppliersOf<'SIGNAL'> = { BROADCAST: recordOnly };
