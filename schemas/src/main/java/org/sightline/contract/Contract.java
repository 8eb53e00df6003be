package org.sightline.contract;

import java.util.List;
import org.apache.avro.Schema;
import org.sightline.schema.Alert;
import org.sightline.schema.AlertAction;
import org.sightline.schema.AttributedEvent;
import org.sightline.schema.ConsoleView;
import org.sightline.schema.Erasure;
import org.sightline.schema.IndicatorState;
import org.sightline.schema.IntakeEvent;
import org.sightline.schema.IwolDelisting;
import org.sightline.schema.IwolDownload;
import org.sightline.schema.IwolEntry;
import org.sightline.schema.MetricPoint;
import org.sightline.schema.Rejection;

/**
 * The top-level record types of the data contract: what travels as a topic value or lives as a
 * state store value. Each has released copies under {@code schemas/released/} that every later
 * version must stay backward compatible with.
 */
public final class Contract {

  public static final List<Schema> TOP_LEVEL =
      List.of(
          IntakeEvent.getClassSchema(),
          AttributedEvent.getClassSchema(),
          Alert.getClassSchema(),
          IwolEntry.getClassSchema(),
          IndicatorState.getClassSchema(),
          IwolDelisting.getClassSchema(),
          MetricPoint.getClassSchema(),
          Rejection.getClassSchema(),
          IwolDownload.getClassSchema(),
          AlertAction.getClassSchema(),
          ConsoleView.getClassSchema(),
          Erasure.getClassSchema());

  private Contract() {}
}
