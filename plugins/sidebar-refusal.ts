/**
 * A request the sidebar's endpoints turn down: the HTTP status, a code the
 * editor can act on, and the catalogue key of the sentence a person reads.
 */
export class Refusal {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly key: string,
  ) {}
}
