"""Loopback stand-ins for Alexa: its APIs, request envelopes, DynamoDB and a signing CA."""
