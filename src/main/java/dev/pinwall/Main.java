package dev.pinwall;
public class Main { public static void main(String[] a){} }
