/** Indian postal index number: six digits, the first not zero. */
export const PIN_CODE_PATTERN = /^[1-9][0-9]{5}$/;

export function pinCodeProblem(pin: string): string | null {
  return PIN_CODE_PATTERN.test(pin) ? null : 'must be 6 digits, not starting with 0';
}
