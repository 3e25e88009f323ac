/** FEEL failures: a syntax error is a deploy-time rejection, an evaluation error becomes an incident. */
export class FeelSyntaxFailure extends Error {
  readonly code = 'FEEL_SYNTAX';
  constructor(readonly expression: string, reason: string) {
    super(`FEEL expression '${expression}' is not valid: ${reason}`);
  }
}

export class FeelEvaluationError extends Error {
  readonly code = 'FEEL_EVALUATION';
  constructor(readonly expression: string, reason: string) {
    super(`failed to evaluate FEEL expression '${expression}': ${reason}`);
  }
}
