// A survey action refused for a reason the person can act on: the message key says which, and the
// field (when there is one) where the form shows it. Nothing was changed.
export class SurveyRefused extends Error {
  constructor(
    readonly messageKey: string,
    readonly field?: string,
  ) {
    super(messageKey);
    this.name = "SurveyRefused";
  }
}
