import { jest } from '@jest/globals';

// End-to-end and integration tests start servers, child processes and worker threads; on a
// loaded 2-core machine they need more than jest's 5 s default. (`testTimeout` is not honoured
// per project, so each such project sets it here.)
jest.setTimeout(60_000);
