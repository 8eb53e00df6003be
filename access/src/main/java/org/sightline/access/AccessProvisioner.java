package org.sightline.access;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialDeletion;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.sightline.members.MemberDirectory;
import org.sightline.members.Principal;

/**
 * Makes the broker's principals and ACLs exactly what {@link AccessPolicy} says, idempotently: it
 * sets every principal's SCRAM credential, removes the credentials of principals that no longer
 * exist (a disabled agency can no longer log in), creates missing ACLs and deletes every ACL the
 * policy does not contain — nobody else alters ACLs, so anything else is drift to undo.
 */
public final class AccessProvisioner {

  private static final ScramMechanism MECHANISM = ScramMechanism.SCRAM_SHA_512;
  // Kafka's default; slow enough to hurt an offline guess, fast enough for a few dozen principals.
  private static final int ITERATIONS = 8192;

  private final Admin admin;

  public AccessProvisioner(Admin admin) {
    this.admin = admin;
  }

  /** What {@link #apply} changed. */
  public record Result(
      List<String> principals, int aclsCreated, int aclsDeleted, List<String> principalsRemoved) {}

  /**
   * Applies the policy for {@code members}; {@code passwords} gives each principal's password (the
   * admin's is left alone: it was set when the broker's storage was formatted).
   */
  public Result apply(MemberDirectory members, Function<Principal, String> passwords) {
    return apply(members, passwords, false);
  }

  /**
   * @param newLoginsOnly set a SCRAM credential only for principals the broker has none for (a
   *     member just added), leaving the others as they are: what a member change needs, without
   *     re-hashing every password on the broker. A full run also applies rotated passwords.
   */
  public Result apply(
      MemberDirectory members, Function<Principal, String> passwords, boolean newLoginsOnly) {
    try {
      List<Principal> principals = AccessPolicy.principals(members);
      List<String> removed = credentials(principals, passwords, newLoginsOnly);
      Set<AclBinding> desired = new LinkedHashSet<>(AccessPolicy.bindings(members));
      Set<AclBinding> existing =
          new HashSet<>(
              admin.describeAcls(AclBindingFilter.ANY).values().get(30, TimeUnit.SECONDS));
      List<AclBindingFilter> stale = new ArrayList<>();
      for (AclBinding binding : existing) {
        if (!desired.contains(binding)) {
          stale.add(binding.toFilter());
        }
      }
      if (!stale.isEmpty()) {
        admin.deleteAcls(stale).all().get(30, TimeUnit.SECONDS);
      }
      List<AclBinding> missing = desired.stream().filter(b -> !existing.contains(b)).toList();
      if (!missing.isEmpty()) {
        admin.createAcls(missing).all().get(30, TimeUnit.SECONDS);
      }
      return new Result(
          principals.stream().map(Principal::name).toList(), missing.size(), stale.size(), removed);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while applying the access policy", e);
    } catch (ExecutionException | TimeoutException e) {
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      throw new IllegalStateException(
          "cannot apply the access policy on the broker: " + cause.getMessage(), cause);
    }
  }

  private List<String> credentials(
      Collection<Principal> principals,
      Function<Principal, String> passwords,
      boolean newLoginsOnly)
      throws InterruptedException, ExecutionException, TimeoutException {
    Set<String> wanted = new HashSet<>();
    List<UserScramCredentialAlteration> alterations = new ArrayList<>();
    Set<String> existing =
        new HashSet<>(admin.describeUserScramCredentials().users().get(30, TimeUnit.SECONDS));
    for (Principal principal : principals) {
      wanted.add(principal.name());
      if (principal.kind() != Principal.Kind.ADMIN
          && !(newLoginsOnly && existing.contains(principal.name()))) {
        alterations.add(
            new UserScramCredentialUpsertion(
                principal.name(),
                new ScramCredentialInfo(MECHANISM, ITERATIONS),
                passwords.apply(principal)));
      }
    }
    List<String> removed = new ArrayList<>();
    for (String user : existing) {
      if (!wanted.contains(user)) {
        alterations.add(new UserScramCredentialDeletion(user, MECHANISM));
        removed.add(user);
      }
    }
    admin.alterUserScramCredentials(alterations).all().get(30, TimeUnit.SECONDS);
    return removed;
  }
}
