/** Where "now" comes from: the system clock in the app, a clock moved by hand in tests. */
export interface Clock {
  now(): Date;
}
