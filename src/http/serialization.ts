// Fastify's response serializers (fast-json-stringify), each compiled when its route first answers
// with that status rather than all at start. Compiling ~80 routes' validators and their every
// status's serializer took most of a start (seconds of CPU); a request pays for its own route once.
import { type SerializerFactory, SerializerSelector } from '@fastify/fast-json-stringify-compiler';

export const buildSerializer: SerializerFactory = (externalSchemas, options) => {
  const compile = SerializerSelector()(externalSchemas, options);
  return (route) => {
    let serialize: ReturnType<typeof compile> | undefined;
    return (data) => (serialize ??= compile(route))(data);
  };
};
