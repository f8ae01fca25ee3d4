/**
 * The shape of one IAM role ARN in IAM_ROLE or `aws_iam_role=` (COPY,
 * UNLOAD, CREATE EXTERNAL SCHEMA). An AWS account ID has 12 digits, but
 * every example of the Developer Guide writes its role as
 * `arn:aws:iam::0123456789012:role/MyRedshiftRole`, with 13; Redshift's own
 * syntactic check of the ARN is not documented (a role it cannot assume
 * fails later, when S3 is read), so the Guide's placeholder account is
 * accepted too.
 *
 * @example
 * ```ts
 * IAM_ROLE_ARN.test('arn:aws:iam::0123456789012:role/MyRedshiftRole') // true
 * ```
 */
export const IAM_ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12,13}:role\/[\w+=,.@/-]+$/
