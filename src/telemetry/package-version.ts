/**
 * This package's version, reported as the version of its tracer and meter.
 * A constant rather than a read of package.json, whose path differs between
 * the sources and the build; a unit test keeps the two equal.
 *
 * ```ts
 * trace.getTracer(INSTRUMENTATION_NAME, PACKAGE_VERSION)
 * ```
 */
export const PACKAGE_VERSION = '0.1.0'
