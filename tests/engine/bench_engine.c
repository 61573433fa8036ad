/*
 * bench_engine.c - times the engine alone on one input file (a developer
 * tool, not a test: the formal comparison lives in bench/).
 *
 *     gcc -O2 -I. -o build/bench_engine tests/engine/bench_engine.c \
 *         build/libengine.a -lpthread -lm
 *     build/bench_engine FILE [THREADS [REPS [buf|file [PORTABLE]]]]
 *
 * REPS 0 (the default) prints the result JSON instead. The file is read
 * into memory first; "file" times pipeline_run_file instead (reading
 * included). Prints the median and the minimum wall time.
 */
#define _GNU_SOURCE
#include "engine/pipeline.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
static double now(void){struct timespec t;clock_gettime(CLOCK_MONOTONIC,&t);return t.tv_sec+t.tv_nsec*1e-9;}
static int cmpd(const void*a,const void*b){double x=*(const double*)a,y=*(const double*)b;return (x>y)-(x<y);}
int main(int argc,char**argv){
  if(argc<2){fprintf(stderr,"usage: bench_engine FILE [threads] [reps] [file|buf] [portable]\n");return 2;}
  pipeline_options o=PIPELINE_OPTIONS_INIT; o.threads=argc>2?atoi(argv[2]):1; int reps=argc>3?atoi(argv[3]):0;
  int usefile=argc>4&&strcmp(argv[4],"file")==0; if(argc>5)o.portable=atoi(argv[5]);
  pipeline_error e; pipeline_result*r;
  FILE*f=fopen(argv[1],"rb"); if(!f){perror("open");return 2;} fseek(f,0,SEEK_END); long n=ftell(f); fseek(f,0,SEEK_SET);
  char*buf=malloc(n+1); if(fread(buf,1,n,f)!=(size_t)n)return 2; fclose(f);
  if(reps==0){ r=usefile?pipeline_run_file(argv[1],&o,&e):pipeline_run_buffer(buf,n,&o,&e);
    if(!r){printf("error: code %d at byte %lld event %lld: %s\n",e.code,(long long)e.byte_offset,(long long)e.event_index,e.message);return 1;}
    pipeline_result_write_json(r,stdout); pipeline_result_free(r); return 0;}
  double*t=malloc(sizeof(double)*reps);
  for(int i=0;i<reps;i++){double a=now(); r=usefile?pipeline_run_file(argv[1],&o,&e):pipeline_run_buffer(buf,n,&o,&e); t[i]=now()-a; if(!r){printf("error %s\n",e.message);return 1;} pipeline_result_free(r);}
  qsort(t,reps,sizeof *t,cmpd); printf("threads=%d portable=%d median %.3f ms min %.3f ms  (%.2f GB/s)\n",o.threads,o.portable,t[reps/2]*1e3,t[0]*1e3,n/t[reps/2]/1e9);
  return 0;}
