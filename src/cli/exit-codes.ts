/** Exit codes of `mplan`: 0 clean, 1 problems in the plans (or too many warnings), 2 usage or I/O problems. */
export const EXIT_OK = 0;
export const EXIT_PROBLEMS = 1;
export const EXIT_USAGE = 2;
