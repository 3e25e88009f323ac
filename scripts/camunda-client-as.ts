/**
 * An SDK client (REST) logged in to `url` with HTTP Basic as one account: the service accounts of `npm start`, the
 * Play sandbox, the reliability runs and the benchmarks. The SDK's own log stays off; our programs log for it.
 */
import { Camunda8 } from '@camunda8/sdk';

export function camundaClientAs(url: string, account: { username: string; password: string }): Camunda8 {
  return new Camunda8({
    ZEEBE_REST_ADDRESS: url,
    CAMUNDA_AUTH_STRATEGY: 'BASIC',
    CAMUNDA_BASIC_AUTH_USERNAME: account.username,
    CAMUNDA_BASIC_AUTH_PASSWORD: account.password,
    CAMUNDA_LOG_LEVEL: 'none',
  } as never);
}
