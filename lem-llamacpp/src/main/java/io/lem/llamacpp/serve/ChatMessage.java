package io.lem.llamacpp.serve;

/** One chat turn: role is system, user or assistant. */
record ChatMessage(String role, String content) {}
