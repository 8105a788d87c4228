// What the pinned ASK CLI reads from a project, offline, through its own modules.
//
// node tests/functional/ask_cli_reads.js PROJECT_DIR
//
// PROJECT_DIR holds ask-resources.json and the skill package it points at. This loads them
// the way `ask deploy` starts (ResourcesConfig, then Manifest), hashes the package as deploy
// does to decide whether to upload, zips it as deploy uploads it, and prints one JSON object:
// what the CLI saw. Nothing here talks to Amazon. ResourcesConfig creates .ask/ask-states.json
// beside ask-resources.json when it is missing, as the CLI itself does.
"use strict";

const fs = require("fs");
const path = require("path");

const ASK_CLI = path.dirname(require.resolve("ask-cli/package.json"));
const CLI = path.join(ASK_CLI, "dist", "lib");
const AdmZip = require(require.resolve("adm-zip", { paths: [ASK_CLI] })); // the CLI's own
const ResourcesConfig = require(path.join(CLI, "model", "resources-config"));
const Manifest = require(path.join(CLI, "model", "manifest"));
const hashUtils = require(path.join(CLI, "utils", "hash-utils"));
const zipUtils = require(path.join(CLI, "utils", "zip-utils"));

const PROFILE = "default";
const ALEXA_REGIONS = ["default", "NA", "EU", "FE"];

function main() {
  const project = path.resolve(process.argv[2]);
  const resources = new ResourcesConfig(path.join(project, "ask-resources.json"));
  const src = resources.getSkillMetaSrc(PROFILE);
  // The CLI resolves src against the working folder, as `ask deploy` run in the project does.
  process.chdir(project);
  const manifest = new Manifest(path.join(src, "skill.json"));
  const endpoints = {};
  for (const region of ALEXA_REGIONS) {
    const endpoint = manifest.getApisEndpointByDomainRegion("custom", region);
    if (endpoint) endpoints[region] = endpoint.uri;
  }
  const locales = manifest.getPublishingLocales();
  const icons = {};
  for (const [locale, info] of Object.entries(locales)) {
    icons[locale] = { small: info.smallIconUri, large: info.largeIconUri };
  }
  hashUtils.getHash(src, (hashError, hash) => {
    if (hashError) throw new Error(`hash: ${hashError}`);
    zipUtils.createTempZip(src, (zipError, zipPath) => {
      if (zipError) throw new Error(`zip: ${zipError}`);
      const entries = new AdmZip(zipPath)
        .getEntries()
        .filter((entry) => !entry.isDirectory)
        .map((entry) => entry.entryName)
        .sort();
      fs.unlinkSync(zipPath);
      const seen = {
        skillMetaSrc: src,
        skillName: manifest.getSkillName(),
        locales: Object.keys(locales).sort(),
        hasIconFileUri: manifest.hasIconFileUri(),
        icons,
        endpoints,
        permissions: manifest.getProperty(["manifest", "permissions"]).map((p) => p.name),
        privacy: manifest.getProperty(["manifest", "privacyAndCompliance"]),
        apiDomains: Object.keys(manifest.getApis()),
        hash,
        zipEntries: entries,
      };
      process.stdout.write(JSON.stringify(seen) + "\n");
    });
  });
}

main();
