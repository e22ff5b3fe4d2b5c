package dev.selfcode.doctor;

/** One thing Selfcode needs, looked at without changing anything. */
interface Check {

    String name();

    CheckResult run();
}
