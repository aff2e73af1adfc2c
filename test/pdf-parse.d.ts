// pdf-parse's entry point without its debug harness (importing the package root runs one in v1).
declare module 'pdf-parse/lib/pdf-parse.js' {
  import pdf from 'pdf-parse';
  export default pdf;
}
