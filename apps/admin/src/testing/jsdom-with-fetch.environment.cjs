// jsdom implements no Fetch API classes, and react-router's data router
// builds a Request per navigation. Node's own (undici) classes are lent to
// the test window, with Node's AbortController, since undici rejects a
// signal of jsdom's.
const { TestEnvironment } = require('jest-environment-jsdom');

class JsdomWithFetchEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    Object.assign(this.global, {
      Request,
      Response,
      Headers,
      FormData,
      AbortController,
      AbortSignal,
      TextEncoder,
      TextDecoder,
      ReadableStream,
    });
  }
}

module.exports = JsdomWithFetchEnvironment;
