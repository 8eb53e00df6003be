package org.sightline.consumers.lists;

import java.util.List;

/** The whole list at one version, sorted by key: what a full download renders. */
public record ListSnapshot<T>(ListVersion version, List<T> items) {}
