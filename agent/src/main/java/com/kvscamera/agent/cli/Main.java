package com.kvscamera.agent.cli;

/** Entry point of kvs-camera-agent.jar (placeholder until the foundation issue fills it in). */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.out.println("kvs-camera-agent 0.1.0");
    }
}
