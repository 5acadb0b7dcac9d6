package io.cxengage.job.cep;

import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.BasicTypeInfo;

/** The broadcast state that holds the configuration log in every operator that reads it. */
public final class ConfigBroadcast {

  /** Configuration key → document JSON. */
  public static final MapStateDescriptor<String, String> DESCRIPTOR =
      new MapStateDescriptor<>(
          "cx-config", BasicTypeInfo.STRING_TYPE_INFO, BasicTypeInfo.STRING_TYPE_INFO);

  private ConfigBroadcast() {}
}
