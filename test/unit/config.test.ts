import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

const kurrentdb = (url: string) => loadConfig({ YUNSUPEI_STORE: 'kurrentdb', KURRENTDB_URL: url });

describe('configuration', () => {
  it('starts on the embedded defaults with an empty environment', () => {
    expect(loadConfig({})).toMatchObject({ YUNSUPEI_STORE: 'sqlite', YUNSUPEI_SEARCH: 'sqlite', PORT: 3000 });
  });

  it.each([
    'kurrentdb://localhost:2113?tls=false',
    'kurrentdb://node1:2113,node2:2113,node3:2113?tls=true&nodePreference=leader',
    'kurrentdb://admin:changeit@node1:2113,node2:2113,node3:2113/?tlsCAFile=/certs/ca/ca.crt',
    'kurrentdb+discover://admin:secret@kurrentdb.internal:2113?tls=true&nodePreference=leader',
    'kdb://10.0.0.1:2113,10.0.0.2:2113',
  ])('accepts the KurrentDB connection string %s', (url) => {
    expect(kurrentdb(url).KURRENTDB_URL).toBe(url);
  });

  it.each([
    'http://localhost:2113',
    'kurrentdb://',
    'kurrentdb://node1:2113,,node2:2113',
    'kurrentdb://node 1:2113',
    'localhost:2113',
  ])('refuses %s, naming the variable and the expected form', (url) => {
    expect(() => kurrentdb(url)).toThrow(ConfigError);
    expect(() => kurrentdb(url)).toThrow(/KURRENTDB_URL: expected a KurrentDB connection string/);
  });

  it('requires KURRENTDB_URL when the store is KurrentDB', () => {
    expect(() => loadConfig({ YUNSUPEI_STORE: 'kurrentdb' })).toThrow(
      /KURRENTDB_URL: required when YUNSUPEI_STORE=kurrentdb/,
    );
  });
});
