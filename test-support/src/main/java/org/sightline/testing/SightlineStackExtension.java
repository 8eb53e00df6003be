package org.sightline.testing;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5: {@code @ExtendWith(SightlineStackExtension.class)} starts the real broker and registry
 * (once per JVM) before the class, and injects {@link SightlineTestStack} into test methods and
 * constructors.
 */
public final class SightlineStackExtension implements BeforeAllCallback, ParameterResolver {

  @Override
  public void beforeAll(ExtensionContext context) {
    SightlineTestStack.get();
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == SightlineTestStack.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return SightlineTestStack.get();
  }
}
