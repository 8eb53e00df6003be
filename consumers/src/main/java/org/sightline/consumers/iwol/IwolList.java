package org.sightline.consumers.iwol;

import org.sightline.consumers.lists.VersionedList;

/** The "worst of" list as access providers download it, keyed by domain. */
public final class IwolList extends VersionedList<IwolItem> {

  public IwolList(int changeLogSize) {
    super(changeLogSize);
  }

  IwolList(String epoch, int changeLogSize) {
    super(epoch, changeLogSize);
  }
}
