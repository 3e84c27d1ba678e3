package com.kvscamera.agent.device;

/** One GPIO output line, by electrical level. */
public interface OutputLine {
    void set(boolean high);
}
