#!/usr/bin/env node
// Drive the skill through virtual-alexa, an independent Alexa client, one scenario at a time.
//
//   node tests/e2e/drive.js <skill-url> <interaction-model-file> <api-endpoint-url> <scenario.json>
//
// The scenario is a JSON list of steps, or an object with a header and "steps":
//   {"timestamp": "2026-11-25T14:00:00Z", "userId": "...", "deviceId": "...", "locale": "en-US",
//    "steps": [{"launch": true}, {"utter": "next step"},
//              {"intend": "GoToStepIntent", "slots": {"number": "4"}}, {"end": true}]}
// A step may carry "person": "<personId>": that request comes from a recognised voice profile
// (context.System.person.personId), as Alexa sends it for a skill with personalization.
// Each step prints one JSON line: what virtual-alexa sent and the skill's whole response.
// Any error (an utterance the model cannot match, an HTTP failure) exits non-zero.
"use strict";

const fs = require("fs");

const API_TOKEN = "local-api-token"; // tools/standins/alexa.py's bearer token
// virtual-alexa takes any utterance containing one of these as "Alexa, open ...".
const LAUNCH_WORDS = /(ask|open|launch|talk to|tell)/i;

class ScenarioError extends Error {}

function loadVirtualAlexa() {
  // virtual-alexa pulls in the AWS SDK v2, which otherwise prints an end-of-support notice.
  process.env.AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE = "1";
  try {
    return require("virtual-alexa").VirtualAlexa;
  } catch (error) {
    throw new ScenarioError(
      `virtual-alexa cannot be loaded (${error.message}); run \`npm ci\` in the repository root`,
    );
  }
}

function readScenario(path) {
  const scenario = JSON.parse(fs.readFileSync(path, "utf8"));
  const header = Array.isArray(scenario) ? {} : scenario;
  const steps = Array.isArray(scenario) ? scenario : scenario.steps;
  if (!Array.isArray(steps) || steps.length === 0) {
    throw new ScenarioError("the scenario has no steps");
  }
  if (header.timestamp !== undefined && !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(header.timestamp)) {
    throw new ScenarioError(`timestamp must look like 2026-11-25T14:00:00Z, not ${header.timestamp}`);
  }
  return { header, steps };
}

function summary(request) {
  const body = request.request || {};
  const intent = body.intent || {};
  const slots = {};
  for (const [name, slot] of Object.entries(intent.slots || {})) {
    slots[name] = slot.value === undefined ? null : slot.value;
  }
  const system = (request.context && request.context.System) || {};
  return {
    type: body.type,
    intent: intent.name || null,
    slots,
    timestamp: body.timestamp,
    locale: body.locale,
    sessionNew: request.session ? request.session.new : null,
    sessionId: request.session ? request.session.sessionId : null,
    userId: system.user ? system.user.userId : null,
    deviceId: system.device ? system.device.deviceId || null : null,
    apiEndpoint: system.apiEndpoint || null,
    personId: system.person ? system.person.personId : null,
    dialogState: body.dialogState || null,
  };
}

function send(alexa, step) {
  if (step.launch) {
    return alexa.launch();
  }
  if (typeof step.utter === "string") {
    if (LAUNCH_WORDS.test(step.utter)) {
      throw new Error(
        `virtual-alexa would take "${step.utter}" as a launch (ask/open/launch/tell); use intend`,
      );
    }
    return alexa.utter(step.utter); // throws when no sample matches
  }
  if (typeof step.intend === "string") {
    return alexa.intend(step.intend, step.slots || undefined);
  }
  if (step.end) {
    if (!alexa.context().activeSession()) {
      throw new Error("end: no session is open (the skill already ended it)");
    }
    return alexa.endSession(); // SessionEndedRequest, reason USER_INITIATED
  }
  throw new Error(`unknown step ${JSON.stringify(step)}`);
}

async function main(argv) {
  if (argv.length !== 4) {
    throw new ScenarioError(
      "usage: drive.js <skill-url> <interaction-model-file> <api-endpoint-url> <scenario.json>",
    );
  }
  const [skillUrl, modelFile, apiEndpoint, scenarioFile] = argv;
  const VirtualAlexa = loadVirtualAlexa();
  const { header, steps } = readScenario(scenarioFile);

  const alexa = VirtualAlexa.Builder()
    .skillURL(skillUrl)
    .interactionModelFile(modelFile)
    .locale(header.locale || "en-US")
    .create();
  // With a device id, virtual-alexa sends context.System.apiEndpoint and apiAccessToken.
  alexa.context().device().setID(header.deviceId || "amzn1.ask.device.E2E-ECHO");
  alexa.context().user().setID(header.userId || "amzn1.ask.account.E2E-COUPLE");

  let sent = null;
  let person = null;
  alexa.filter((request) => {
    request.context.System.apiEndpoint = apiEndpoint;
    request.context.System.apiAccessToken = API_TOKEN;
    if (person) {
      request.context.System.person = { personId: person };
    } else {
      delete request.context.System.person;
    }
    if (header.timestamp) {
      request.request.timestamp = header.timestamp;
    }
    sent = request;
  });

  for (const [index, step] of steps.entries()) {
    sent = null;
    person = typeof step.person === "string" ? step.person : null;
    let response;
    try {
      response = await send(alexa, step);
    } catch (error) {
      // virtual-alexa rejects a failed HTTP call with a plain string, not an Error.
      const reason = error instanceof Error ? error.message : String(error);
      throw new ScenarioError(`step ${index + 1} ${JSON.stringify(step)}: ${reason}`);
    }
    const line = {
      step: index + 1,
      input: step,
      request: sent ? summary(sent) : null,
      response: JSON.parse(JSON.stringify(response)),
    };
    process.stdout.write(`${JSON.stringify(line)}\n`);
  }
}

main(process.argv.slice(2)).catch((error) => {
  const detail = error instanceof ScenarioError ? error.message : (error && error.stack) || error;
  process.stderr.write(`drive.js: ${detail}\n`);
  process.exitCode = 1; // not process.exit(): lines already written to stdout still get out
});
