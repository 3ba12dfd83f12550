import { Field, GraphQLISODateTime, ID, InputType } from '@nestjs/graphql';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDate,
  IsEnum,
  IsOptional,
  IsString,
  MaxLength,
} from 'class-validator';
import { DataCategory } from '../../products/dto/data-category.enum.js';
import { INCIDENT_LIMITS } from '../incident.rules.js';
import { IncidentSeverity } from './incident.enum.js';

const { titleMax, descriptionMax, productsMax } = INCIDENT_LIMITS;
const CATEGORIES_MAX = Object.keys(DataCategory).length * 2;

@InputType({ description: "A new incident affecting some of the supplier's own products." })
export class ReportIncidentInput {
  @Field(() => [ID], { description: `1-${productsMax} of the reporting supplier's own products.` })
  @IsArray()
  @ArrayMinSize(1, { message: 'productIds must name at least one product' })
  @ArrayMaxSize(productsMax)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  productIds: string[];

  @Field({ description: `2-${titleMax} characters; no personal identity numbers.` })
  @IsString()
  @MaxLength(titleMax * 2)
  title: string;

  @Field({ description: `1-${descriptionMax} characters; no personal identity numbers.` })
  @IsString()
  @MaxLength(descriptionMax * 2)
  description: string;

  @Field(() => IncidentSeverity, { description: "The supplier's judgement of how serious it is." })
  @IsEnum(IncidentSeverity)
  severity: IncidentSeverity;

  @Field(() => GraphQLISODateTime, { description: 'When the supplier detected it; not in the future.' })
  @IsDate()
  detectedAt: Date;

  @Field(() => [DataCategory], { description: 'Categories touched; [] when not yet known (all at stake).' })
  @IsArray()
  @ArrayMaxSize(CATEGORIES_MAX)
  @IsEnum(DataCategory, { each: true })
  dataCategories: DataCategory[];
}

/** Changes to an open incident; omitted fields stay as they are, at least one must be given. */
@InputType({
  description: 'Changes to an open incident; fields left out stay as they are, at least one must be given.',
})
export class UpdateIncidentInput {
  @Field(() => IncidentSeverity, { nullable: true, description: 'The new severity.' })
  @IsOptional()
  @IsEnum(IncidentSeverity)
  severity?: IncidentSeverity | null;

  @Field(() => [DataCategory], { nullable: true, description: 'Replaces the list.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(CATEGORIES_MAX)
  @IsEnum(DataCategory, { each: true })
  dataCategories?: DataCategory[] | null;

  @Field(() => String, { nullable: true, description: `1-${descriptionMax} characters.` })
  @IsOptional()
  @IsString()
  @MaxLength(descriptionMax * 2)
  description?: string | null;
}
