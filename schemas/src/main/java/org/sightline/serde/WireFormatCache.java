package org.sightline.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The hot path of the Confluent wire format (magic byte 0, 4-byte schema id, Avro binary) in front
 * of Apicurio's serdes. Apicurio's serializer renders the schema to JSON and fingerprints it for
 * every record, which made serialisation the processor's bottleneck; here the first record of each
 * schema on each topic still goes through Apicurio (the id's look-up) and every later one reuses
 * the id and a cached datum writer. The bytes are the same either way. Reading, a writer schema is
 * fetched once per id (ids never change) and a resolving datum reader cached for it.
 */
final class WireFormatCache {

  private static final byte MAGIC = 0;
  private static final int HEADER = 5;

  private WireFormatCache() {}

  static <T extends SpecificRecord> Serializer<T> serializer(Serializer<T> apicurio) {
    return new CachingSerializer<>(apicurio);
  }

  static <T extends SpecificRecord> Deserializer<T> deserializer(
      Deserializer<T> apicurio, Class<T> type, IntFunction<Schema> writerSchemaById) {
    return new CachingDeserializer<>(apicurio, type, writerSchemaById);
  }

  private static final class CachingSerializer<T extends SpecificRecord> implements Serializer<T> {
    private final Serializer<T> apicurio;

    /**
     * topic -> (schema -> id); schemas of generated classes are singletons, so lookups are cheap.
     */
    private final Map<String, Map<Schema, Integer>> ids = new ConcurrentHashMap<>();

    private final Map<Schema, SpecificDatumWriter<T>> writers = new ConcurrentHashMap<>();
    private final ThreadLocal<BinaryEncoder> encoders = new ThreadLocal<>();

    CachingSerializer(Serializer<T> apicurio) {
      this.apicurio = apicurio;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
      apicurio.configure(configs, isKey);
    }

    @Override
    public byte[] serialize(String topic, T data) {
      return serialize(topic, null, data);
    }

    @Override
    public byte[] serialize(String topic, Headers headers, T data) {
      if (data == null) {
        return null;
      }
      Schema schema = data.getSchema();
      Map<Schema, Integer> byTopic = ids.computeIfAbsent(topic, t -> new ConcurrentHashMap<>());
      Integer id = byTopic.get(schema);
      if (id == null) {
        byte[] bytes = apicurio.serialize(topic, headers, data);
        if (bytes != null && bytes.length >= HEADER && bytes[0] == MAGIC) {
          byTopic.put(schema, ByteBuffer.wrap(bytes, 1, 4).getInt());
        }
        return bytes;
      }
      try {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        out.write(MAGIC);
        out.write(ByteBuffer.allocate(4).putInt(id).array());
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, encoders.get());
        encoders.set(encoder);
        writers.computeIfAbsent(schema, SpecificDatumWriter::new).write(data, encoder);
        encoder.flush();
        return out.toByteArray();
      } catch (IOException | RuntimeException e) {
        throw new SerializationException(
            "cannot write " + schema.getFullName() + " to " + topic, e);
      }
    }

    @Override
    public void close() {
      apicurio.close();
    }
  }

  private static final class CachingDeserializer<T extends SpecificRecord>
      implements Deserializer<T> {
    private final Deserializer<T> apicurio;
    private final Schema readerSchema;
    private final IntFunction<Schema> writerSchemaById;
    private final Map<Integer, SpecificDatumReader<T>> readers = new ConcurrentHashMap<>();
    private final ThreadLocal<BinaryDecoder> decoders = new ThreadLocal<>();

    CachingDeserializer(
        Deserializer<T> apicurio, Class<T> type, IntFunction<Schema> writerSchemaById) {
      this.apicurio = apicurio;
      this.readerSchema = org.apache.avro.specific.SpecificData.get().getSchema(type);
      this.writerSchemaById = writerSchemaById;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
      apicurio.configure(configs, isKey);
    }

    @Override
    public T deserialize(String topic, byte[] data) {
      return deserialize(topic, null, data);
    }

    @Override
    public T deserialize(String topic, Headers headers, byte[] data) {
      if (data == null) {
        return null;
      }
      if (data.length < HEADER || data[0] != MAGIC) {
        throw new SerializationException(
            "not in the Confluent wire format (magic byte 0 and a 4-byte schema id)");
      }
      int id = ByteBuffer.wrap(data, 1, 4).getInt();
      SpecificDatumReader<T> reader = readers.get(id);
      if (reader == null) {
        Schema writer;
        try {
          writer = writerSchemaById.apply(id);
        } catch (RuntimeException e) {
          throw new SerializationException("unknown schema id " + id + ": " + e.getMessage(), e);
        }
        reader = new SpecificDatumReader<>(writer, readerSchema);
        readers.put(id, reader);
      }
      try {
        BinaryDecoder decoder =
            DecoderFactory.get().binaryDecoder(data, HEADER, data.length - HEADER, decoders.get());
        decoders.set(decoder);
        return reader.read(null, decoder);
      } catch (IOException | RuntimeException e) {
        throw new SerializationException(
            "cannot read " + readerSchema.getFullName() + " (schema id " + id + "): " + e, e);
      }
    }

    @Override
    public void close() {
      apicurio.close();
    }
  }
}
