// The password rules of 等保 2.0 level 3 (GB/T 22239-2019 8.1.4.1 a: 口令具有复杂度要求): at least 10 characters of at
// least three of the four classes (lower case, upper case, digits, other), and never the user name.
export const PASSWORD_MIN_LENGTH = 10;

/** What is wrong with a new password, in words a person can act on; empty when it may be used. */
export function passwordProblems(password: string, username: string): string[] {
  const problems: string[] = [];
  if ([...password].length < PASSWORD_MIN_LENGTH) problems.push(`must be at least ${PASSWORD_MIN_LENGTH} characters long`);
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((c) => c.test(password)).length;
  if (classes < 3) problems.push('must mix at least three of: lower-case letters, upper-case letters, digits, other characters');
  const name = username.trim().toLowerCase();
  if (name.length > 0 && password.toLowerCase().includes(name)) problems.push('must not contain the user name');
  return problems;
}
