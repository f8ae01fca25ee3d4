// seek-bzip ships no types; only the call the emulator makes is declared.
declare module 'seek-bzip' {
  /** Decodes a whole bzip2 buffer; `multistream` reads concatenated streams. */
  function decode(
    input: Buffer,
    output?: undefined,
    multistream?: boolean,
  ): Buffer
  const Bunzip: { readonly decode: typeof decode }
  export default Bunzip
}
